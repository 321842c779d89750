/**
 * The part of `@actions/core` the Action uses, as an interface: the real one is `coreIO()`,
 * tests pass a recording fake.
 */
import type { AnnotationProperties } from '@actions/core';

export type { AnnotationProperties };

export interface ActionIO {
  /** The input's value, trimmed; '' when not set. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Marks the step failed (exit code 1) and logs the message as an error. */
  setFailed(message: string): void;
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  notice(message: string, properties?: AnnotationProperties): void;
  info(message: string): void;
  /** Masks the value in every later log line. */
  setSecret(value: string): void;
  /** A GitHub OIDC token for the audience (needs `permissions: id-token: write`). */
  getIDToken(audience: string): Promise<string>;
  /** Appends markdown to the job summary (`GITHUB_STEP_SUMMARY`). */
  appendSummary(markdown: string): Promise<void>;
}
