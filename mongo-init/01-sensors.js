// Creates database `sensors` from sensors.schema.json (the one definition, also applied by the embedded stack's
// io.sensorpipe.stack.MongoInit): collections with $jsonSchema validators, indexes, least-privilege users.
// The official mongo image runs it once from /docker-entrypoint-initdb.d on an empty data volume; it is idempotent,
// so it can be re-run by hand:  MONGO_INIT_DIR=mongo-init mongosh "$URI" mongo-init/01-sensors.js
// User names and passwords come from MONGO_WRITER_USER/_PASSWORD and MONGO_ANALYST_USER/_PASSWORD.
(function applySensorsSchema() {
  const fs = require('fs');
  const path = require('path');
  const dir = process.env.MONGO_INIT_DIR
    || (typeof __dirname !== 'undefined' ? __dirname : '/docker-entrypoint-initdb.d');
  const def = JSON.parse(fs.readFileSync(path.join(dir, 'sensors.schema.json'), 'utf8'));
  const target = db.getSiblingDB(def.database);
  const COMMAND_NOT_FOUND = 59;   // what a server without the feature (mongo-java-server) answers
  const skipped = [];
  const done = { collections: 0, indexes: 0, users: 0 };

  function unsupported(e) {
    return e && (e.code === COMMAND_NOT_FOUND || e.codeName === 'CommandNotFound');
  }

  function applyCollection(c) {
    const validation = {
      validator: c.validator, validationLevel: c.validationLevel, validationAction: c.validationAction
    };
    if (target.getCollectionNames().includes(c.name)) {
      try {
        target.runCommand(Object.assign({ collMod: c.name }, validation), { checkResult: true });
      } catch (e) {
        if (!unsupported(e)) throw e;
        skipped.push('validator of ' + c.name + ' (server has no collMod)');
      }
    } else {
      const res = target.createCollection(c.name, validation);
      if (!res.ok) throw new Error('createCollection ' + c.name + ' failed: ' + JSON.stringify(res));
    }
    const info = target.getCollectionInfos({ name: c.name })[0];
    const refused = skipped.length && skipped[skipped.length - 1].startsWith('validator of ' + c.name + ' ');
    if (!refused && (!info || !info.options || !info.options.validator)) {
      skipped.push('validator of ' + c.name + ' (server does not keep validators)');
    }
    const res = target.runCommand({ createIndexes: c.name, indexes: c.indexes });
    if (!res.ok) throw new Error('createIndexes on ' + c.name + ' failed: ' + JSON.stringify(res));
    done.collections += 1;
    done.indexes += c.indexes.length;
  }

  function applyUser(u) {
    const name = process.env[u.userEnv];
    const pwd = process.env[u.passwordEnv];
    if (!name || !pwd) {
      skipped.push('user from ' + u.userEnv + ' (' + u.userEnv + ' or ' + u.passwordEnv + ' not set)');
      return;
    }
    const authDb = db.getSiblingDB(u.authDatabase);
    try {
      if (authDb.getUser(name)) {
        authDb.updateUser(name, { pwd: pwd, roles: u.roles });
      } else {
        authDb.createUser({ user: name, pwd: pwd, roles: u.roles });
      }
      done.users += 1;
    } catch (e) {
      if (!unsupported(e)) throw e;
      skipped.push('user ' + name + ' (server has no user management)');
    }
  }

  def.collections.forEach(applyCollection);
  def.users.forEach(applyUser);
  print('mongo-init applied to ' + def.database + ': ' + done.collections + ' collections, ' + done.indexes
    + ' indexes, ' + done.users + ' users' + (skipped.length ? '; skipped: ' + skipped.join('; ') : ''));
})();
