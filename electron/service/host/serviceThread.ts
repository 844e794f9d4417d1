// A worker thread that holds a store connection and the service: it answers calls one after another (`calls` and
// `heavy` threads), or runs one import job and ends (`job` threads, which the host may terminate to cancel a
// parse midway). The host that started it holds no store.
import { parentPort, workerData } from 'node:worker_threads';
import type { JobStatus } from '../../../shared/contract/importCalls';
import { reportError } from '../../log';
import { openWorkbench } from '../../openWorkbench';
import { dispatch, dispatchTracked, type Service } from '../service';
import { PG_CHANGES_CHANNEL } from '../../store/migrations';
import { PgStore } from '../../store/pg/pgStore';
import { ColleagueChanges, nameSession, sessionAuthors } from './colleagueChanges';
import { hostRequests } from './hostRequests';
import { jsonOfResult } from './answerJson';
import { primeFirstScreen, type FirstScreenRead } from '../firstScreen';
import { warmBriefing, warmChartRenderer } from '../warmUp';
import type { FromThread, ThreadConfig, ToThread } from './threadProtocol';

const port = parentPort;
if (!port) throw new Error('serviceThread must run in a worker thread');
const config = workerData as ThreadConfig;
const post = (m: FromThread) => port.postMessage(m);
/** A colleague's import notifies once per table it touched: gathered this long into one reload. */
const COLLEAGUE_SETTLE_MS = 300;

let service: Service;
try {
  service = openWorkbench(config.storePath, config.shell, { create: config.create, defaultFolder: config.defaultFolder });
} catch (e) {
  post({ type: 'fatal', error: reportError(`${config.shell} open store`, e) });
  process.exit(1);
}
service.ctx.uploadsDir = config.uploadsDir;
// On a server: name the session (colleagues' workbenches say who changed what) and tell the host which it is.
const db = service.ctx.db;
let session: number | undefined;
let colleagues: ColleagueChanges | null = null;
if (db instanceof PgStore) {
  nameSession(db, service.ctx.user);
  session = db.prepare('SELECT pg_backend_pid()').pluck().get() as number;
  if (config.listen) {
    colleagues = new ColleagueChanges({ settleMs: COLLEAGUE_SETTLE_MS, authors: (ids) => sessionAuthors(db, ids), emit: (event) => post({ type: 'event', event }) });
    colleagues.setOwnSessions([session]);
    const watching = colleagues;
    db.listen(PG_CHANGES_CHANNEL, (n) => watching.notice(n));
  }
}
service.ctx.grantedPaths = new Set(config.grantedPaths ?? []);

// Printing and rasterising through the host (the desktop app's Chromium), each request answered by its id.
const host = hostRequests(post);
if (config.hostServices.includes('printPdf')) service.ctx.printPdf = host.ask('printPdf');
if (config.hostServices.includes('rasterizeSvgs')) service.ctx.rasterizeSvgs = host.ask('rasterizeSvgs');

// Calls that arrive meanwhile wait for one thing at most: the chart renderer's warm-up, a few hundred ms once.
const renderer = config.warm ? new Promise<void>((resolve) => setImmediate(() => void warmChartRenderer().finally(resolve))) : Promise.resolve();

/**
 * The heavy thread prepares the briefing's first preview once, when the host first says so (the analyst left the
 * first screen, or the workbench is idle: threadedBackend.ts), after the chart renderer's warm-up (warmUp.ts).
 */
let prepared: Promise<void> | null = null;
const prepareBriefing = () => (prepared ??= renderer.then(() => warmBriefing(service)).then(() => post({ type: 'prepared' })));

async function runJob(args: unknown): Promise<void> {
  let localId = '';
  const finished = new Promise<void>((resolve) => {
    service.ctx.emit = (event) => {
      if (event.type !== 'job' || event.status.jobId !== localId) return;
      if (!event.status.done) {
        post({ type: 'event', event });
        return;
      }
      // The final status carries the result, read from the registry that holds it.
      const status = service.handlers.jobStatus({ jobId: localId }) as JobStatus;
      post({ type: 'jobStatus', status });
      resolve();
    };
  });
  try {
    ({ jobId: localId } = (await dispatch(service, 'startImport', args)) as { jobId: string });
  } catch (e) {
    post({ type: 'jobStatus', status: { jobId: '', phase: 'failed', fraction: 0, done: true, error: reportError(`${config.shell} startImport`, e) } });
    return;
  }
  await finished;
}

/** The first screen's pre-read (on the calls thread), started once the thread is ready; see the end of this file. */
let firstScreen: FirstScreenRead | null = null;

/** A call answered: its result, or with `json` the UTF-8 bytes of its JSON, handed over (transferred, not copied). */
function reply(m: Extract<ToThread, { type: 'call' }>, result: unknown, changed: boolean, written?: Uint8Array): void {
  if (!m.json) return post({ type: 'reply', id: m.id, result, changed });
  const json = written ?? jsonOfResult(result);
  port!.postMessage({ type: 'reply', id: m.id, json, changed } satisfies FromThread, [json.buffer as ArrayBuffer]);
}

function answer(m: Extract<ToThread, { type: 'call' }>): void {
  dispatchTracked(service, m.name, m.args).then(
    ({ result, changed }) => reply(m, result, changed),
    // Internal errors are logged here, where their stack is, before only their words cross to the host.
    (e: unknown) => post({ type: 'reply', id: m.id, error: reportError(`${config.shell} ${m.name}`, e), changed: false }),
  );
}

port.on('message', (m: ToThread) => {
  if (m.type === 'call') {
    // The page's listTargets, as bytes: the pre-read's, while the store is as they were computed (firstScreen.ts).
    const read = m.json ? firstScreen : null;
    if (read?.keeps(m.name, m.args)) void read.take(m.name, m.args).then((json) => (json ? reply(m, null, false, json) : answer(m)), () => answer(m));
    else answer(m);
  } else if (m.type === 'job') {
    void runJob(m.args).finally(() => {
      service.ctx.db.close();
      port.close();
    });
  } else if (m.type === 'grant') {
    service.ctx.grantedPaths?.add(m.path);
  } else if (m.type === 'ownSessions') {
    colleagues?.setOwnSessions(m.processIds);
  } else if (m.type === 'hostReply') {
    host.answered(m);
  } else if (m.type === 'warm' && config.warm) {
    void prepareBriefing();
  }
});

post({ type: 'ready', session });
// The first screen's answers read once now, while the browser loads and evaluates the page: its calls then find the
// targets read (planTargets' cache, the store's change key tells whether it still holds), their code compiled and
// the targets' bytes written. Started before this thread takes its first message, so that the page's listTargets,
// which the host sends as soon as it hears `ready`, always finds the pre-read there to wait for.
if (config.prime) firstScreen = primeFirstScreen(service);
