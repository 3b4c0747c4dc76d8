// The contract's lists are the only place a choice is written: the CLI's option choices, the
// API's job methods and the server's status table all follow them, so a method added in one
// place only fails here.
import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { API_METHODS, isJobMethod } from '../../../electron/core/api/api-methods.js';
import {
  EMBED_METHODS,
  ERROR_CODES,
  EXPORT_FORMATS,
  JOB_METHODS,
  MODALITIES,
  MODEL_BACKENDS,
  QUEUE_MODES,
  RANK_METHODS,
} from '../../../electron/core/api/contract.js';
import { errorCodeOf, SerendipError } from '../../../electron/core/api/errors.js';
import { HTTP_STATUS_OF_CODE } from '../../../electron/server/browser-server.js';
import { registerDiscoveryCommands } from '../../../electron/cli/commands/discovery-commands.js';
import { NoEmbeddingError } from '../../../electron/core/discovery/pipeline/current-embedding.js';
import { UnknownObjectError } from '../../../electron/core/api/label-service.js';
import { UnknownObjectIdError } from '../../../electron/core/api/view-service.js';
import { WrongModalityError } from '../../../electron/core/api/object-spectrum.js';
import { RankRequest } from '../../../electron/core/api/contract.js';

function choicesOf(command: string, flag: string): readonly string[] | undefined {
  const program = new Command();
  registerDiscoveryCommands(program);
  const options = program.commands.find((c) => c.name() === command)?.options as Option[] | undefined;
  return options?.find((o) => o.long === flag)?.argChoices;
}

describe('contract lists', () => {
  it('are the CLI choices', () => {
    expect(choicesOf('rank', '--method')).toEqual(RANK_METHODS);
    expect(choicesOf('queue', '--mode')).toEqual(QUEUE_MODES);
    expect(choicesOf('export', '--format')).toEqual(EXPORT_FORMATS);
    expect(choicesOf('embed', '--method')).toEqual(EMBED_METHODS);
    expect(choicesOf('embed', '--modality')).toEqual(MODALITIES);
    expect(choicesOf('embed', '--backend')).toEqual(MODEL_BACKENDS);
  });

  it('are what the request schemas accept', () => {
    for (const method of RANK_METHODS) expect(RankRequest.parse({ method }).method).toBe(method);
    expect(RankRequest.safeParse({ method: 'magic' }).success).toBe(false);
  });

  it('name the job methods, each an API method', () => {
    for (const method of JOB_METHODS) expect(Object.keys(API_METHODS)).toContain(method);
    expect(Object.keys(API_METHODS).filter(isJobMethod)).toEqual(expect.arrayContaining([...JOB_METHODS]));
    expect(Object.keys(API_METHODS).filter(isJobMethod)).toHaveLength(JOB_METHODS.length);
    expect(isJobMethod('exportModel')).toBe(true);
    expect(isJobMethod('warnings')).toBe(false);
  });
});

describe('error codes', () => {
  it('each have one HTTP status', () => {
    expect(Object.keys(HTTP_STATUS_OF_CODE).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('are carried by the errors the service throws, and zod refusals are bad requests', () => {
    expect(errorCodeOf(new SerendipError('conflict', 'busy'))).toBe('conflict');
    expect(errorCodeOf(new UnknownObjectError('x'))).toBe('not-found');
    expect(errorCodeOf(new UnknownObjectIdError('x'))).toBe('not-found');
    expect(errorCodeOf(new WrongModalityError('x'))).toBe('unsupported');
    expect(errorCodeOf(new NoEmbeddingError())).toBe('conflict');
    expect(errorCodeOf(RankRequest.safeParse({ method: 'magic' }).error)).toBe('bad-request');
    expect(errorCodeOf(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe('internal');
    expect(errorCodeOf('a string')).toBe('internal');
  });
});
