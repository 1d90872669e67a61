// Initiates the one-member replica set rs0 (so retryable writes and transactions work), idempotently, and waits
// until this member is primary. Run by the compose service mongo-rs-init with mongosh:
//   mongosh --quiet --nodb --file /scripts/init-replica-set.js
// Credentials come from the environment (MONGO_ROOT_USER, MONGO_ROOT_PASSWORD), never from the command line.
const host = process.env.MONGO_RS_HOST || 'mongo:27017';
const replicaSet = process.env.MONGO_REPLICA_SET || 'rs0';

function connectWithRetry(attempts) {
  for (let i = 1; ; i++) {
    try {
      const admin = connect(`mongodb://${host}/admin?directConnection=true&serverSelectionTimeoutMS=2000`);
      admin.auth(process.env.MONGO_ROOT_USER, process.env.MONGO_ROOT_PASSWORD);
      return admin;
    } catch (e) {
      if (i >= attempts) throw e;
      print(`waiting for ${host}: ${e.message}`);
      sleep(2000);
    }
  }
}

const admin = connectWithRetry(30);
try {
  const status = admin.adminCommand({ replSetGetStatus: 1 });
  print(`replica set ${status.set} already initiated`);
} catch (e) {
  if (e.code !== 94 /* NotYetInitialized */) throw e;
  admin.adminCommand({ replSetInitiate: { _id: replicaSet, members: [{ _id: 0, host: host }] } });
  print(`replica set ${replicaSet} initiated with member ${host}`);
}

for (let i = 0; !admin.adminCommand({ hello: 1 }).isWritablePrimary; i++) {
  if (i >= 60) throw new Error(`${host} did not become primary within 60 s`);
  sleep(1000);
}
print(`${host} is primary of ${replicaSet}`);
