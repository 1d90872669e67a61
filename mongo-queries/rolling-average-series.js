// One room's rolling-average series (the streaming job's window statistics), oldest first, from sensors.room_analytics.
// Run: ROOM=room-001 mongosh "$MONGODB_URI" --quiet mongo-queries/rolling-average-series.js
// Optional: LIMIT (the last N records, default 60).
// Prints: ts <TAB> seq=N <TAB> temperature=T <TAB> rollingAvg=A <TAB> min=B <TAB> max=C <TAB> count=K
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const room = process.env.ROOM;
  if (!room) {
    print('error: set ROOM to a room id, e.g. ROOM=room-001');
    quit(2);
  }
  const limit = Number(process.env.LIMIT || 60);
  print(`== ${room}: rolling average, last ${limit} records ==`);
  sensors.room_analytics.find({ roomId: room },
      { _id: 0, ts: 1, seq: 1, temperature: 1, rollingAvg: 1, rollingMin: 1, rollingMax: 1, rollingCount: 1 })
    .sort({ ts: -1 })
    .limit(limit)
    .toArray()
    .reverse()
    .forEach(d => print(`${d.ts.toISOString()}\tseq=${d.seq}\ttemperature=${d.temperature}`
      + `\trollingAvg=${d.rollingAvg.toFixed(3)}\tmin=${d.rollingMin}\tmax=${d.rollingMax}\tcount=${d.rollingCount}`));
})();
