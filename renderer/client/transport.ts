// The parts of the transport beside calls: a picked file as a reference a call can name (uploaded to the browser
// shell, or its path granted by the desktop app), and the events the service pushes. createClient sets them.
import type { FileInput, ServiceEvent } from '../../shared/contract';

export interface Transport {
  subscribe(listener: (event: ServiceEvent) => void): () => void;
  fileInput(file: File): Promise<FileInput>;
}

let transport: Transport | null = null;

export function setTransport(t: Transport): void {
  transport = t;
}

function current(): Transport {
  if (!transport) throw new Error('no transport: createClient() was not called');
  return transport;
}

/** A picked file, ready to be named in a call (`file: await fileForCall(f)`). */
export function fileForCall(file: File): Promise<FileInput> {
  return current().fileInput(file);
}

/** Listens to the service's pushed events; returns the function that stops listening. */
export function onServiceEvent(listener: (event: ServiceEvent) => void): () => void {
  return current().subscribe(listener);
}
