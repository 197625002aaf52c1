// redis, postgres and mysql. postgres and mysql crash without their required environment, with
// their entrypoints' real messages: the classic CrashLoopBackOff lesson.
import { BASE_PATH, DEBIAN_DIRS, fakeDigest, redisTime, type App, type ImageDef, type ProcessContext, type TagInfo } from './types';

const tag = (name: string, version: string, size: number): TagInfo => ({ version, size, digest: fakeDigest(`${name}:${version}:${size}`) });
const envOf = (p: ProcessContext, k: string) => p.env.find(([n]) => n === k)?.[1];
const dirs = () => Object.fromEntries(DEBIAN_DIRS.map((d) => [`/${d}/`, '']));
const nonHttp = (port: number, stopCode = 0): App => ({ ports: [port], http: () => 'empty', stop: () => ({ afterMs: 300, code: stopCode }) });

function redisApp(p: ProcessContext): App {
  const v = p.info.version;
  const t = () => redisTime(p.now());
  p.log(`1:C ${t()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`);
  p.log(`1:C ${t()} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`);
  p.log(`1:C ${t()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`);
  p.log(`1:M ${t()} * monotonic clock: POSIX clock_gettime`);
  p.log(`1:M ${t()} * Running mode=standalone, port=6379.`);
  p.log(`1:M ${t()} * Server initialized`);
  p.log(`1:M ${t()} * Ready to accept connections tcp`);
  const app = nonHttp(6379);
  app.stop = () => {
    p.after(10, () => {
      p.log(`1:signal-handler (${Math.floor(p.now() / 1000)}) Received SIGTERM scheduling shutdown...`);
      p.log(`1:M ${t()} # User requested shutdown...`);
      p.log(`1:M ${t()} * Saving the final RDB snapshot before exiting.`);
      p.log(`1:M ${t()} * DB saved on disk`);
      p.log(`1:M ${t()} # Redis is now ready to exit, bye bye...`);
    });
    return { afterMs: 100, code: 0 };
  };
  return app;
}

export const REDIS: ImageDef = {
  repository: 'docker.io/library/redis',
  tags: { latest: tag('redis', '7.4.1', 45_003_216), '7': tag('redis', '7.4.1', 45_003_216), '7.4': tag('redis', '7.4.1', 45_003_216), '7.2': tag('redis', '7.2.6', 43_920_117), alpine: tag('redis-alpine', '7.4.1', 17_242_615) },
  env: [
    ['PATH', BASE_PATH],
    ['GOSU_VERSION', '1.17'],
    ['REDIS_VERSION', '7.4.1'],
  ],
  workingDir: '/data',
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['redis-server'],
  shell: 'bash',
  files: () => ({ ...dirs(), '/data/': '' }),
  isDefault: (argv) => argv.includes('redis-server'),
  start: redisApp,
};

function pgTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function postgresApp(p: ProcessContext): App {
  if (!envOf(p, 'POSTGRES_PASSWORD') && envOf(p, 'POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    for (const l of [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ])
      p.log(l);
    p.after(50, () => p.exit(1));
    return { ports: [] };
  }
  const v = p.info.version;
  for (const l of [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
    'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
    'creating subdirectories ... ok',
    'selecting dynamic shared memory implementation ... posix',
    'selecting default "max_connections" ... 100',
    'selecting default "shared_buffers" ... 128MB',
    'selecting default time zone ... Etc/UTC',
    'creating configuration files ... ok',
    'running bootstrap script ... ok',
    'performing post-bootstrap initialization ... ok',
    'syncing data to disk ... ok',
    '',
    '',
    'Success. You can now start the database server using:',
    '',
    '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
    '',
    'PostgreSQL init process complete; ready for start up.',
    '',
  ])
    p.log(l);
  const t = () => pgTime(p.now());
  p.log(`${t()} [1] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
  p.log(`${t()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`);
  p.log(`${t()} [1] LOG:  listening on IPv6 address "::", port 5432`);
  p.log(`${t()} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`);
  p.log(`${t()} [1] LOG:  database system is ready to accept connections`);
  return nonHttp(5432);
}

export const POSTGRES: ImageDef = {
  repository: 'docker.io/library/postgres',
  tags: { latest: tag('postgres', '17.2', 153_712_112), '17': tag('postgres', '17.2', 153_712_112), '16': tag('postgres', '16.6', 152_118_003), '15': tag('postgres', '15.10', 150_220_140), alpine: tag('postgres-alpine', '17.2', 105_002_114) },
  env: [
    ['PATH', BASE_PATH + ':/usr/lib/postgresql/17/bin'],
    ['GOSU_VERSION', '1.17'],
    ['LANG', 'en_US.utf8'],
    ['PG_MAJOR', '17'],
    ['PG_VERSION', '17.2-1.pgdg120+1'],
    ['PGDATA', '/var/lib/postgresql/data'],
  ],
  workingDir: '/',
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['postgres'],
  shell: 'bash',
  files: () => ({ ...dirs(), '/var/lib/postgresql/data/': '' }),
  isDefault: (argv) => argv.includes('postgres'),
  start: postgresApp,
};

function mysqlApp(p: ProcessContext): App {
  const v = p.info.version;
  const t = () => new Date(p.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
  p.log(`${t()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`);
  p.log(`${t()} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`);
  p.log(`${t()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`);
  if (!envOf(p, 'MYSQL_ROOT_PASSWORD') && !envOf(p, 'MYSQL_ALLOW_EMPTY_PASSWORD') && !envOf(p, 'MYSQL_RANDOM_ROOT_PASSWORD')) {
    p.log(`${t()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`);
    p.log('    You need to specify one of the following as an environment variable:');
    p.log('    - MYSQL_ROOT_PASSWORD');
    p.log('    - MYSQL_ALLOW_EMPTY_PASSWORD');
    p.log('    - MYSQL_RANDOM_ROOT_PASSWORD');
    p.after(200, () => p.exit(1));
    return { ports: [] };
  }
  p.log(`${t()} [Note] [Entrypoint]: Initializing database files`);
  p.log(`${t()} [Note] [Entrypoint]: Database files initialized`);
  p.log(`${t()} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`);
  const iso = () => new Date(p.now()).toISOString().replace('Z', '000Z');
  p.log(`${iso()} 0 [System] [MY-015015] [Server] MySQL Server - start.`);
  p.log(`${iso()} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${v}) starting as process 1`);
  p.log(`${iso()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  return nonHttp(3306);
}

export const MYSQL: ImageDef = {
  repository: 'docker.io/library/mysql',
  tags: { latest: tag('mysql', '9.1.0', 164_233_001), '8': tag('mysql', '8.4.3', 173_004_512), '8.4': tag('mysql', '8.4.3', 173_004_512), '8.0': tag('mysql', '8.0.40', 171_223_016), '9': tag('mysql', '9.1.0', 164_233_001) },
  env: [
    ['PATH', BASE_PATH],
    ['GOSU_VERSION', '1.17'],
    ['MYSQL_MAJOR', '8.4'],
    ['MYSQL_VERSION', '8.4.3-1.el9'],
    ['MYSQL_SHELL_VERSION', '8.4.3-1.el9'],
  ],
  workingDir: '/',
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['mysqld'],
  shell: 'bash',
  files: () => ({ ...dirs(), '/var/lib/mysql/': '' }),
  isDefault: (argv) => argv.includes('mysqld'),
  start: mysqlApp,
};
