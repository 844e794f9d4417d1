// The page's entry, kept small on purpose: it sends the first screen's calls at once, then loads the app (React,
// AG Grid and the views, renderer/boot.tsx), so the service answers while the browser is still evaluating the app.
import { createClient, createFirstScreenBatch } from './client/createClient';
import { primedClient } from './client/primedClient';
import { onServiceEvent } from './client/transport';
import { FIRST_SCREEN_CALLS } from './views/firstScreenCalls';
import './styles.css';

const client = createClient();
// In the browser shell the five calls travel as one request (one of Chromium's six connections to the shell).
const primed = primedClient(client, FIRST_SCREEN_CALLS, createFirstScreenBatch() ?? undefined);
// A change before the view has taken its answers: it asks afresh (the answers on their way may predate the change).
onServiceEvent((event) => {
  if (event.type === 'changed') primed.drop();
});

void import('./boot').then(({ boot }) => boot(primed.client, primed.answered));
