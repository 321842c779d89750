/**
 * Which endpoint a call went to, for the messages (`no answer from https://sso.eu-west-1…`), and
 * the check of the endpoint settings before any call: a bad AWS_ENDPOINT_URL is named as such
 * instead of the SDK's `TypeError: Invalid URL`.
 */
import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';
import { plainText } from '../render/escape.js';

const endpoints = new WeakMap<object, string>();

/** The endpoint the failed request was sent to, when the request got that far. */
export function endpointOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? endpoints.get(error) : undefined;
}

interface RequestLike {
  protocol?: unknown;
  hostname?: unknown;
  port?: unknown;
}

function urlOf(request: RequestLike): string | undefined {
  if (typeof request.hostname !== 'string' || request.hostname === '') return undefined;
  const protocol = typeof request.protocol === 'string' ? request.protocol.replace(/:?$/, ':') : 'https:';
  const port = typeof request.port === 'number' ? `:${request.port}` : '';
  return `${protocol}//${request.hostname}${port}`;
}

/** Adds to a client a middleware that remembers, on a failure, where the request went. */
export function rememberEndpointOnError(stack: MiddlewareStack<object, object>): void {
  const middleware: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const url = urlOf((args as { request?: RequestLike }).request ?? {});
      if (url && typeof error === 'object' && error !== null) endpoints.set(error, url);
      throw error;
    }
  };
  stack.add(middleware, { step: 'finalizeRequest', name: 'idcRememberEndpoint', override: true });
}

/** The variables the SDK reads for the endpoint of the services we call (AWS_ENDPOINT_URL_<SERVICE ID>). */
export const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SSO_ADMIN',
  'AWS_ENDPOINT_URL_IDENTITYSTORE',
  'AWS_ENDPOINT_URL_ORGANIZATIONS',
  'AWS_ENDPOINT_URL_STS',
] as const;

function problem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `has the scheme ${url.protocol} (only http: and https: work)`;
  return undefined;
}

/**
 * Throws one clear message when the endpoint given to the gateway, or an AWS_ENDPOINT_URL*
 * variable, is not an http(s) URL. `given` is the gateway's `endpoint` option.
 */
export function checkEndpointSettings(env: NodeJS.ProcessEnv, given?: string): void {
  if (given !== undefined) {
    const p = problem(given);
    if (p) throw new Error(`The AWS endpoint "${plainText(given.slice(0, 120))}" ${p}: give a full URL such as http://127.0.0.1:4566`);
  }
  for (const name of ENDPOINT_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const p = problem(value);
    if (p) {
      throw new Error(
        `${name} ${p}: "${plainText(value.slice(0, 120))}". Set it to the endpoint's full URL (e.g. http://127.0.0.1:4566 for the local emulator), or unset it to call AWS.`,
      );
    }
  }
}
