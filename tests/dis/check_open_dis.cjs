// Decodes a run's DIS capture with the npm open-dis library (independent of our codec and of
// tshark) and checks it field by field against the run's logs.
// usage: node check_open_dis.cjs WEB_DIR RUN_FOLDER CAPTURE
const fs = require('fs');
const {loadOpenDis, readPcap, toLla, distanceM, readCsv} = require('./dis_lib.cjs');

const [webDir, folder, capture] = process.argv.slice(2);
const dis = loadOpenDis(webDir);
const factory = new dis.PduFactory();
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const stats = JSON.parse(fs.readFileSync(`${folder}/dis.json`, 'utf8'));
const events = readCsv(`${folder}/events.csv`);
const summary = JSON.parse(fs.readFileSync(`${folder}/summary.json`, 'utf8'));
const created = events.filter(e => e.event === 'entity_created');
const order = created.filter(e => /kind=(site|asset)/.test(e.detail)).map(e => e.entity)
  .concat(summary.threats.map(t => t.id), created.filter(e => /kind=interceptor/.test(e.detail)).map(e => e.entity));
const number = new Map(order.map((name, k) => [name, k + 1]));
const threatNumbers = new Set(summary.threats.map(t => number.get(t.id)));

const packets = readPcap(capture);
const counts = {};
const firstState = new Map();
const fires = new Map();
const detonations = [];
const emitters = new Map();
for (const {payload} of packets) {
  let p = null;
  try {
    p = factory.createPdu(payload);
  } catch (e) {
    failures.push(`open-dis cannot decode a PDU of type ${new Uint8Array(payload)[2]}: ${String(e).slice(0, 200)}`);
  }
  check(p !== null, 'a PDU open-dis does not know');
  if (!p) continue;
  counts[p.pduType] = (counts[p.pduType] || 0) + 1;
  check(p.protocolVersion === 7 && p.exerciseID === 1, `version ${p.protocolVersion}, exercise ${p.exerciseID}`);
  check(p.length === payload.byteLength, `PDU length ${p.length} in a ${payload.byteLength}-octet datagram`);
  if (p.pduType === 1) {
    const marking = p.marking.getMarking();
    if (!firstState.has(marking)) firstState.set(marking, p);
    check(p.entityID.siteID === 1 && p.entityID.applicationID === 1, `${marking}: simulation address`);
  } else if (p.pduType === 2) {
    fires.set(p.eventID.eventNumber, p);
  } else if (p.pduType === 3) {
    detonations.push(p);
  } else if (p.pduType === 23) {
    // open-dis 1.3.6 reads the emitter system record two octets early (it skips no padding after
    // the beam count, IEEE 1278.1-2012 7.6.2), so the name is its function and id bytes.
    const s = p.emitterSystem;
    emitters.set(p.emittingEntityID.entityID, s.emitterFunction * 256 + s.emitterIDNumber);
    check(p.numberOfSystems === 1 && p.numberOfBeams === 1, 'one emitter system of one beam');
  }
}
check(packets.length === stats.sent.total, `${packets.length} packets, ${stats.sent.total} sent`);
check((counts[1] || 0) === stats.sent.entity_state, `entity states: ${counts[1]}`);
check((counts[2] || 0) === stats.sent.fire && (counts[3] || 0) === stats.sent.detonation, 'fires and detonations');
check((counts[23] || 0) === stats.sent.electromagnetic_emission, 'emissions');

// Sites: number, SISO type and position back to lat/lon within a metre of the run's.
const specific = {'s400/55K6E': 3, 's400/92N6E': 4, 's400/91N6E': 5, 's400/5P85SE2': 1};
let sites = 0;
for (const e of created.filter(x => /kind=site/.test(x.detail))) {
  const type = /type=([^;]+)/.exec(e.detail)[1];
  const p = firstState.get(e.entity.slice(0, 11));
  check(p !== undefined, `no entity state for ${e.entity}`);
  if (!p) continue;
  sites++;
  check(p.entityID.entityID === number.get(e.entity), `${e.entity}: entity ${p.entityID.entityID}`);
  const t = p.entityType;
  check(t.entityKind === 1 && t.domain === 1 && t.country === 222 && t.category === 28 && t.subcategory === 24 &&
        t.specific === specific[type], `${e.entity}: type ${JSON.stringify(t)}`);
  check(p.forceId === 1, `${e.entity}: force ${p.forceId}`);
  const l = p.entityLocation;
  const d = distanceM(toLla(l.x, l.y, l.z), [+e.lat_deg, +e.lon_deg, +e.alt_m]);
  check(d < 1.0, `${e.entity}: ${d.toFixed(3)} m from where the run has it`);
  const name = {'s400/91N6E': 9659, 's400/92N6E': 16960}[type];
  if (name) check(emitters.get(number.get(e.entity)) === name, `${e.entity}: emitter ${emitters.get(number.get(e.entity))}`);
}
check(sites > 0, 'no site checked');

// Threats: opposing forces; interceptors: S-400 missiles.
for (const th of summary.threats) {
  const p = firstState.get(th.id.slice(0, 11));
  if (!p) continue;
  check(p.forceId === 2, `${th.id}: force ${p.forceId}`);
  check(p.entityID.entityID === number.get(th.id), `${th.id}: entity ${p.entityID.entityID}`);
}
// Fire and Detonation: paired by event id, the same munition; a burst names a threat.
for (const d of detonations) {
  const f = fires.get(d.eventID.eventNumber);
  check(f !== undefined, `detonation ${d.eventID.eventNumber} without its fire`);
  if (!f) continue;
  check(f.munitionExpendibleID.entityID === d.explodingEntityID.entityID, 'fire and detonation name the same munition');
  check(f.descriptor.munitionType.entityKind === 2 && f.descriptor.munitionType.country === 222,
        'munition type');
  if (d.detonationResult === 2) check(threatNumbers.has(d.targetEntityID.entityID), `burst on ${d.targetEntityID.entityID}`);
}
const launched = events.filter(e => e.event === 'launched').length;
check(fires.size === launched, `${fires.size} fires, ${launched} launches`);

console.log(`open-dis: ${packets.length} PDUs (${JSON.stringify(counts)}), ${sites} sites, ${fires.size} fires, ` +
            `${detonations.length} detonations`);
for (const f of failures.slice(0, 30)) console.log('FAIL:', f);
process.exit(failures.length ? 1 : 0);
