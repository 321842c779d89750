/** {@link ActionIO} backed by the real `@actions/core` (workflow commands, GITHUB_OUTPUT, …). */
import * as core from '@actions/core';
import type { ActionIO } from './io.js';

export function coreIO(): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    error: (message, properties) => core.error(message, properties),
    warning: (message, properties) => core.warning(message, properties),
    notice: (message, properties) => core.notice(message, properties),
    info: (message) => core.info(message),
    setSecret: (value) => core.setSecret(value),
    getIDToken: (audience) => core.getIDToken(audience),
    appendSummary: async (markdown) => {
      // Without GITHUB_STEP_SUMMARY (a local run) there is nowhere to write: log instead.
      if (!process.env['GITHUB_STEP_SUMMARY']) {
        core.info(markdown);
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
