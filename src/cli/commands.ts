/**
 * Every `idc` command. A new command is one file exporting a {@link Command} and one line here;
 * the order here is the order of `idc --help`.
 */
import type { Command } from './command.js';
import { applyCommand } from './apply.js';
import { exportCommand } from './export.js';
import { planCommand } from './plan.js';
import { profilesCommand } from './profiles.js';
import { reportCommand } from './report.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly Command[] = [validateCommand, planCommand, applyCommand, exportCommand, reportCommand, profilesCommand];
