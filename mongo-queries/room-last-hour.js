// One room's readings of the last hour, oldest first, with a summary line, from sensors.readings.
// Run: ROOM=room-001 mongosh "$MONGODB_URI" --quiet mongo-queries/room-last-hour.js
// Optional: NOW=2026-11-21T16:00:00Z (end of the hour; default: the current time).
// Prints: ts <TAB> seq=N <TAB> temperature, then: N readings for ROOM, avg A, min B, max C
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const room = process.env.ROOM;
  if (!room) {
    print('error: set ROOM to a room id, e.g. ROOM=room-001');
    quit(2);
  }
  const now = process.env.NOW ? new Date(process.env.NOW) : new Date();
  const from = new Date(now.getTime() - 3600 * 1000);
  print(`== ${room}: readings in (${from.toISOString()}, ${now.toISOString()}] ==`);
  let n = 0, sum = 0, min = Infinity, max = -Infinity;
  sensors.readings.find({ roomId: room, ts: { $gt: from, $lte: now } }, { _id: 0, ts: 1, seq: 1, temperature: 1 })
    .sort({ ts: 1 })
    .forEach(d => {
      print(`${d.ts.toISOString()}\tseq=${d.seq}\t${d.temperature}`);
      n++; sum += d.temperature; min = Math.min(min, d.temperature); max = Math.max(max, d.temperature);
    });
  print(n === 0 ? `0 readings for ${room}`
    : `${n} readings for ${room}, avg ${(sum / n).toFixed(3)}, min ${min}, max ${max}`);
})();
