// Where the workbench keeps its store by default, outside Electron: the user's data folder.
import os from 'node:os';
import path from 'node:path';

export const STORE_FILE_NAME = 'workbench.sqlite';

export function defaultDataDir(): string {
  if (process.env.PLAN_WORKBENCH_DATA) return process.env.PLAN_WORKBENCH_DATA;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'plan-workbench');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'plan-workbench');
  return path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'plan-workbench');
}

export function defaultStorePath(): string {
  return path.join(defaultDataDir(), STORE_FILE_NAME);
}

export function currentUser(): string {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}
