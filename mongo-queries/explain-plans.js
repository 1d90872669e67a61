// Every query of the pack, as the server's query planner runs it: for each find / aggregate / countDocuments the
// other files send, one line with the file, the collection, the fields it filters and sorts on, and the planner's
// winning plan (explain "queryPlanner"), e.g. `... plan=FETCH <- IXSCAN(ts_-1)`. The queries are not run.
// Run against real MongoDB (any MONGODB_URI), to see that each query walks an index that mongo-init defines:
//   mongosh "$MONGODB_URI" --quiet mongo-queries/explain-plans.js
// PLAN=0 prints the shapes only (for a server without a planner, e.g. the embedded mongo-java-server).
// Prints one JSON object per query: {"file", "collection", "op", "filter": [fields], "sort": [[field, dir]], "plan"}
(() => {
  const fs = require('fs');
  const path = require('path');
  const withPlan = process.env.PLAN !== '0';
  const self = path.basename(__filename);
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.js') && f !== self).sort();
  process.env.ROOM = process.env.ROOM || 'room-001';   // the per-room queries need one; any name will do
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const proto = Object.getPrototypeOf(sensors.readings);
  const original = { find: proto.find, aggregate: proto.aggregate, countDocuments: proto.countDocuments };
  const out = print;
  let file = '';

  const findPlan = (o) => {
    if (!o || typeof o !== 'object') return null;
    if (o.winningPlan) return o.winningPlan.queryPlan || o.winningPlan;
    for (const v of Object.values(o)) {
      const p = findPlan(v);
      if (p) return p;
    }
    return null;
  };
  const describe = (plan) => {
    const stages = [];
    for (let s = plan; s; s = s.inputStage || (s.inputStages && s.inputStages[0])) {
      stages.push(s.indexName ? `${s.stage}(${s.indexName})` : s.stage);
    }
    return stages.join(' <- ');
  };
  const report = (coll, op, filter, sort, explain) => {
    let plan = '-';
    if (withPlan) {
      const p = findPlan(explain());
      plan = p ? describe(p) : 'no winningPlan in explain';
    }
    out(JSON.stringify({ file, collection: coll.getName(), op, filter: Object.keys(filter || {}),
      sort: Object.entries(sort || {}), plan }));
    return [];
  };
  const noResults = (run) => {
    const cursor = {
      sort(s) { cursor.sortSpec = s; return cursor; },
      limit(n) { cursor.limitN = n; return cursor; },
      forEach() { run(cursor); },
      toArray() { run(cursor); return []; },
      hasNext() { run(cursor); return false; },
      next() { run(cursor); return null; },
      map() { run(cursor); return []; }
    };
    return cursor;
  };

  proto.find = function (filter, projection) {
    const coll = this;
    return noResults((c) => report(coll, 'find', filter, c.sortSpec, () => {
      let real = original.find.call(coll, filter || {}, projection);
      if (c.sortSpec) real = real.sort(c.sortSpec);
      if (c.limitN) real = real.limit(c.limitN);
      return real.explain('queryPlanner');
    }));
  };
  proto.aggregate = function (pipeline, options) {
    const coll = this;
    const stages = pipeline || [];
    const match = stages[0] && stages[0].$match;
    const sortStage = stages[match ? 1 : 0];
    const sort = sortStage && sortStage.$sort;
    return noResults(() => report(coll, 'aggregate', match, sort,
      () => original.aggregate.call(coll, stages, Object.assign({}, options || {}, { explain: true }))));
  };
  proto.countDocuments = function (filter) {
    const coll = this;
    report(coll, 'countDocuments', filter, null,
      () => original.aggregate.call(coll, [{ $match: filter || {} }, { $group: { _id: 1, n: { $sum: 1 } } }],
        { explain: true }));
    return 0;
  };

  for (const f of files) {
    file = f;
    globalThis.print = () => {};   // the query files' own titles: only the lines above are wanted
    try {
      load(path.join(__dirname, f));
    } finally {
      globalThis.print = out;
    }
  }
  Object.assign(proto, original);
})();
