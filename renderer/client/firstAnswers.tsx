// The first screen's answers that have already arrived when the app first renders (client/primedClient.ts), for
// the views to start from: the targets view then makes its grid with its rows in the first frame it draws. Outside
// the first screen (tests, later views) nothing has arrived and the views load as before.
import { createContext, useContext } from 'react';
import type { AnsweredNow } from './primedClient';

const none: AnsweredNow = () => undefined;

export const FirstAnswers = createContext<AnsweredNow>(none);

export function useFirstAnswers(): AnsweredNow {
  return useContext(FirstAnswers);
}
