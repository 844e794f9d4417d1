// Every CLI command, in the order `help` lists them. Add a command by adding its module here.
import type { CliCommand } from '../context';
import { initCommand } from './init';
import { targetsCommand } from './targets';
import { importCommand } from './import';
import { seriesCommand } from './series';
import { batchesCommand, undoImportCommand } from './batches';
import { targetCommand } from './target';
import { planCommand } from './plan';
import { linkCommand } from './link';
import { varianceCommand } from './variance';
import { exportCommand } from './export';
import { briefCommand } from './brief';
import { settingsCommand } from './settings';
import { reportCommand } from './report';
import { cycleCommand } from './cycle';
import { copyStoreCommand, storeDigestCommand } from './copyStore';

export const COMMANDS: CliCommand[] = [initCommand, targetsCommand, targetCommand, importCommand, seriesCommand, batchesCommand, undoImportCommand, planCommand, linkCommand, varianceCommand, exportCommand, briefCommand, reportCommand, cycleCommand, settingsCommand, copyStoreCommand, storeDigestCommand];
