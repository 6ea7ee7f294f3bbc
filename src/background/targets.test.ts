import { describe, expect, it } from 'vitest';
import { documentTarget } from './targets';

describe('documentTarget', () => {
  it('targets the probed document where the browser reports one (Chrome)', () => {
    expect(documentTarget(7, { frameId: 3, documentId: 'DOC-A' })).toEqual({
      tabId: 7,
      documentIds: ['DOC-A'],
    });
  });

  it('falls back to the frame where the browser reports no document (Firefox before 153)', () => {
    expect(documentTarget(7, { frameId: 3 })).toEqual({ tabId: 7, frameIds: [3] });
    expect(documentTarget(7, { frameId: 0, documentId: undefined })).toEqual({ tabId: 7, frameIds: [0] });
  });

  it('never names both, which executeScript refuses', () => {
    const target = documentTarget(7, { frameId: 3, documentId: 'DOC-A' });
    expect('frameIds' in target).toBe(false);
    expect('allFrames' in target).toBe(false);
  });
});
