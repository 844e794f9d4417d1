// What the service pushes to the renderer without being asked: a job's progress, and that the store changed
// (so an open view can reload). Electron sends these over the window's MessagePort, the browser shell as
// server-sent events; the renderer never polls for them.
import type { JobStatus } from './importCalls';

export type ServiceEvent =
  /** A job moved on (phase, fraction) or ended; the result itself is read with jobStatus once it is done. */
  | { type: 'job'; status: Omit<JobStatus, 'result'> }
  /** A call or a job wrote to the store; `by` names it. On a server, `by: 'colleague'` is another workbench's
   * commit (issue 14): the tables it touched, and who, when their session could be named. */
  | { type: 'changed'; by: string; tables?: string[]; colleagues?: string[] };
