// Shared by the open-dis checks: the npm open-dis decoder (an independent DIS implementation),
// pcap reading and WGS 84 conversions.
const fs = require('fs');
const path = require('path');

function loadOpenDis(webDir) {
  global.dis = {};
  require(path.resolve(webDir, 'node_modules', 'open-dis', 'dist', 'dis7.min.js'));
  return global.dis;
}

// Classic pcap, Ethernet/IPv4/UDP: [{time, payload}] (payload an ArrayBuffer of the DIS PDU).
function readPcap(file) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${file}: not a little-endian pcap`);
  const out = [];
  for (let off = 24; off + 16 <= buf.length;) {
    const sec = buf.readUInt32LE(off), usec = buf.readUInt32LE(off + 4), len = buf.readUInt32LE(off + 8);
    const pkt = buf.subarray(off + 16 + 42, off + 16 + len);
    out.push({time: sec + usec / 1e6, payload: pkt.buffer.slice(pkt.byteOffset, pkt.byteOffset + pkt.length)});
    off += 16 + len;
  }
  return out;
}

const A = 6378137.0, F = 1 / 298.257223563, E2 = F * (2 - F);
function toEcef(latDeg, lonDeg, alt) {
  const lat = latDeg * Math.PI / 180, lon = lonDeg * Math.PI / 180;
  const n = A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
  return [(n + alt) * Math.cos(lat) * Math.cos(lon), (n + alt) * Math.cos(lat) * Math.sin(lon),
          (n * (1 - E2) + alt) * Math.sin(lat)];
}
function toLla(x, y, z) {  // Bowring's iteration
  const lon = Math.atan2(y, x), p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2)), alt = 0;
  for (let i = 0; i < 10; i++) {
    const n = A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
    alt = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - E2 * n / (n + alt)));
  }
  return [lat * 180 / Math.PI, lon * 180 / Math.PI, alt];
}
function distanceM(a, b) {
  const dn = (a[0] - b[0]) * Math.PI / 180 * 6371000;
  const de = (a[1] - b[1]) * Math.PI / 180 * 6371000 * Math.cos(a[0] * Math.PI / 180);
  return Math.hypot(dn, de, a[2] - b[2]);
}
function readCsv(file) {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map(l => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
}

module.exports = {loadOpenDis, readPcap, toEcef, toLla, distanceM, readCsv};
