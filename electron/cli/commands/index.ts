// Every CLI command, in the order `help` lists them. Add a command by adding its module here.
import type { CliCommand } from '../context';
import { initCommand } from './init';
import { targetsCommand } from './targets';

export const COMMANDS: CliCommand[] = [initCommand, targetsCommand];
