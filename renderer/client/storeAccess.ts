// What the signed-in role may do in the store (appInfo, issue 14), read once per client: a viewer's views are
// read-only with a note saying why. The server enforces the role all the same; this only spares the viewer
// edits that would be refused.
import { useEffect, useState } from 'react';
import { useFirstAnswers } from './firstAnswers';
import type { AppInfo, StoreRole, WorkbenchClient } from '../../shared/contract';

const asked = new WeakMap<WorkbenchClient, Promise<AppInfo>>();

export function appInfoOf(client: WorkbenchClient): Promise<AppInfo> {
  let info = asked.get(client);
  if (!info) {
    info = client.call('appInfo', {});
    asked.set(client, info);
  }
  return info;
}

export interface StoreAccess {
  /** Unknown until appInfo answers: then views stay editable, and the server still refuses what it must. */
  role: StoreRole | null;
  readOnly: boolean;
  user: string | null;
}

export function useStoreAccess(client: WorkbenchClient): StoreAccess {
  // Already known when the first screen's appInfo has arrived: the grid is then made read-only or not from the start.
  const answered = useFirstAnswers();
  const [info, setInfo] = useState<AppInfo | null>(() => answered('appInfo', {})?.value ?? null);
  useEffect(() => {
    let live = true;
    appInfoOf(client).then(
      (i) => live && setInfo(i),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  return { role: info?.role ?? null, readOnly: info?.role === 'viewer', user: info?.user ?? null };
}

/** The note a viewer reads above a grid they cannot edit. */
export function readOnlyNote(t: (zh: string, en: string) => string, user: string | null): string {
  const who = user ? `${user}，` : '';
  const whoEn = user ? `${user}, ` : '';
  return t(
    `只读：你的数据库角色（${who}查看者）只能查看和导出；修改、导入和关联请联系计划负责人授予分析员角色`,
    `Read-only: your database role (${whoEn}viewer) may view and export; to edit, import or link, ask the plan owner for the analyst role`,
  );
}
