// The layer rule of eslint.config.js, run through ESLint itself on sources written for the test.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function refused(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  it('keeps shared/ free of Node, the store and the renderer', async () => {
    const messages = await refused(
      'shared/variance/example.ts',
      "import fs from 'node:fs';\nimport path from 'path';\nimport type { Store } from '../../electron/store/openStore';\nimport { App } from '../../renderer/App';\nimport * as z from 'zod/mini';\nexport const x = [fs, path, App, z] as unknown as Store;\n",
    );
    expect(messages).toHaveLength(4);
    expect(messages[0]).toContain('shared/ is plain TypeScript');
  });

  it('keeps the renderer off Node and electron/, and electron/ off the renderer', async () => {
    expect(await refused('renderer/views/Example.tsx', "import Database from 'better-sqlite3';\nimport { openWorkbench } from '../../electron/openWorkbench';\nexport const x = [Database, openWorkbench];\n")).toHaveLength(2);
    expect(await refused('electron/service/example.ts', "import { App } from '../../renderer/App';\nexport const x = App;\n")).toHaveLength(1);
  });

  it('lets each layer use what it may', async () => {
    expect(await refused('electron/service/example.ts', "import fs from 'node:fs';\nimport { contract } from '../../shared/contract';\nexport const x = [fs, contract];\n")).toEqual([]);
    expect(await refused('renderer/views/Example.tsx', "import { useState } from 'react';\nimport { contract } from '../../shared/contract';\nexport const x = [useState, contract];\n")).toEqual([]);
  });
});
