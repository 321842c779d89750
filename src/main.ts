import * as core from '@actions/core';

/** The Action. Routes the GitHub event to validate, plan or apply. */
export async function run(): Promise<void> {
  core.setFailed('idc-gitops: the Action is not built yet.');
}
