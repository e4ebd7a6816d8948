// Another simulation, written with the npm open-dis library: it flies an aircraft (Entity State
// PDUs on loopback) into a real-time opensam run, waits for the Detonation that opensam sends
// when its missile bursts on the aircraft, then ends the exercise with Stop/Freeze.
// usage: node peer.cjs WEB_DIR OPENSAM SCENARIO OUT_DIR
const dgram = require('dgram');
const fs = require('fs');
const {spawn} = require('child_process');
const {loadOpenDis, toEcef} = require('./dis_lib.cjs');

const [webDir, opensam, scenario, outDir] = process.argv.slice(2);
const dis = loadOpenDis(webDir);
const factory = new dis.PduFactory();
const SCALE = 10;            // simulation seconds per wall-clock second
const ME = {siteID: 7, applicationID: 8, entityID: 9};
const fail = (why) => { console.log('FAIL:', why); process.exitCode = 1; };

// The aircraft: 53 km south of the engagement radar at 6 km, flying north at 250 m/s.
const lat0 = 39.55, lon0 = 32.56, alt0 = 6000, speed = 250;
const p0 = toEcef(lat0, lon0, alt0);
const la = lat0 * Math.PI / 180, lo = lon0 * Math.PI / 180;
const north = [-Math.sin(la) * Math.cos(lo), -Math.sin(la) * Math.sin(lo), Math.cos(la)];
const v = north.map(c => c * speed);

function entityState(tSim) {
  const p = new dis.EntityStatePdu();
  p.exerciseID = 1;
  p.length = 144;
  Object.assign(p.entityID, ME);
  p.forceId = 2;
  Object.assign(p.entityType, {entityKind: 1, domain: 2, country: 225, category: 1});
  p.entityLocation.x = p0[0] + v[0] * tSim;
  p.entityLocation.y = p0[1] + v[1] * tSim;
  p.entityLocation.z = p0[2] + v[2] * tSim;
  p.entityLinearVelocity.x = v[0];
  p.entityLinearVelocity.y = v[1];
  p.entityLinearVelocity.z = v[2];
  p.deadReckoningParameters.deadReckoningAlgorithm = 2;  // FPW
  p.marking.characterSet = 1;
  [...'peer-f16'].forEach((c, i) => { p.marking.characters[i] = c.charCodeAt(0); });
  const buf = new ArrayBuffer(144);
  p.encodeToBinary(new dis.OutputStream(buf));
  return Buffer.from(buf);
}

function stopFreeze() {
  const p = new dis.StopFreezePdu();
  p.exerciseID = 1;
  p.length = 40;
  Object.assign(p.originatingEntityID, {siteID: 7, applicationID: 8, entityID: 65535});
  Object.assign(p.receivingEntityID, {siteID: 65535, applicationID: 65535, entityID: 65535});
  p.reason = 2;  // termination
  p.requestID = 42;
  const buf = new ArrayBuffer(40);
  p.encodeToBinary(new dis.OutputStream(buf));
  return Buffer.from(buf);
}

const free = dgram.createSocket('udp4');
free.bind(0, '127.0.0.1', () => {
  const inPort = free.address().port;
  free.close();
  const sock = dgram.createSocket('udp4');
  sock.bind(0, '127.0.0.1', () => run(sock, inPort));
});

function run(sock, inPort) {
  const peerPort = sock.address().port;
  const child = spawn(opensam, ['run', scenario, '--realtime', '--time-scale', String(SCALE), '--dis-in',
                                `127.0.0.1:${inPort}`, '--dis-out', `127.0.0.1:${peerPort}`, '--out', outDir],
                      {stdio: ['ignore', 'pipe', 'inherit']});
  let stdout = '';
  child.stdout.on('data', d => { stdout += d; });
  const t0 = Date.now();
  const counts = {};
  let fireAtMe = null, detonation = null, acknowledged = false, stopping = false;
  const beat = setInterval(() => {  // a state every 2 s of simulation (the other side times out at 12 s)
    sock.send(entityState((Date.now() - t0) / 1000 * SCALE), inPort, '127.0.0.1');
  }, 200);
  const deadline = setTimeout(() => { fail('no Detonation on the aircraft within 150 s'); child.kill('SIGKILL'); }, 150000);
  sock.on('message', msg => {
    let p;
    try {
      p = factory.createPdu(msg.buffer.slice(msg.byteOffset, msg.byteOffset + msg.length));
    } catch (e) {
      return fail(`open-dis cannot decode a PDU of type ${msg[2]}`);
    }
    counts[p.pduType] = (counts[p.pduType] || 0) + 1;
    const isMe = id => id.siteID === ME.siteID && id.applicationID === ME.applicationID && id.entityID === ME.entityID;
    if (p.pduType === 2 && isMe(p.targetEntityID)) fireAtMe = fireAtMe || p;
    if (p.pduType === 3 && isMe(p.targetEntityID) && !detonation) {
      detonation = p;
      console.log(`peer: detonation on the aircraft after ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
                  `result ${p.detonationResult}, event ${p.eventID.eventNumber}`);
      stopping = true;
      clearInterval(beat);
      sock.send(stopFreeze(), inPort, '127.0.0.1');
    }
    if (p.pduType === 15 && p.acknowledgeFlag === 4 && p.requestID === 42) acknowledged = true;
  });
  child.on('exit', code => {
    clearTimeout(deadline);
    clearInterval(beat);
    sock.close();
    if (code !== 0) return fail(`opensam exited with ${code}`);
    if (!stopping) return fail('opensam ended before the aircraft was engaged');
    if (!fireAtMe) fail('no Fire PDU aimed at the aircraft');
    else if (fireAtMe.eventID.eventNumber !== detonation.eventID.eventNumber) fail('Fire and Detonation event ids differ');
    if (detonation && detonation.detonationResult !== 2) fail(`detonation result ${detonation.detonationResult}`);
    if (!acknowledged) fail('no Acknowledge of the Stop/Freeze');
    if (!counts[1] || !counts[23]) fail(`no entity state or emission from opensam: ${JSON.stringify(counts)}`);
    const stats = JSON.parse(fs.readFileSync(`${outDir}/dis.json`, 'utf8'));
    if (stats.entities_in !== 1 || stats.stop_freeze !== 1) fail(`dis.json: ${JSON.stringify(stats)}`);
    const summary = JSON.parse(fs.readFileSync(`${outDir}/summary.json`, 'utf8'));
    const me = summary.threats.find(t => t.id === 'dis-7.8.9');
    if (!me) fail('the aircraft is not among the run\'s threats');
    else if (me.interceptors < 1 || me.first_detection_s === null) fail(`the run's view of it: ${JSON.stringify(me)}`);
    console.log(`peer: opensam sent ${JSON.stringify(counts)}; the aircraft: ${JSON.stringify(me)}`);
    if (!process.exitCode) console.log('peer: ok');
  });
}
