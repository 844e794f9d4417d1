import { describe, expect, it } from 'vitest';
import { overwritesUnseenChange, sameFieldValue } from '../../shared/domain/editConflict';

describe('when a save would overwrite a change the editor did not see', () => {
  const now = { revision: 4, value: 6.5 };
  it('does not check an old client that said nothing', () => {
    expect(overwritesUnseenChange({}, now)).toBe(false);
  });
  it('lets a save through at the revision shown', () => {
    expect(overwritesUnseenChange({ revision: 4 }, now)).toBe(false);
    expect(overwritesUnseenChange({ revision: 4, value: 6.5 }, now)).toBe(false);
  });
  it('is field-level when the value shown is known: another field changing does not block', () => {
    expect(overwritesUnseenChange({ revision: 3, value: 6.5 }, now)).toBe(false);
    expect(overwritesUnseenChange({ revision: 3, value: 6 }, now)).toBe(true);
    expect(overwritesUnseenChange({ value: 6 }, now)).toBe(true);
    expect(overwritesUnseenChange({ value: 6.5 }, now)).toBe(false);
  });
  it('is row-level with a revision alone', () => {
    expect(overwritesUnseenChange({ revision: 3 }, now)).toBe(true);
  });
  it('reads empty as empty, whether null or absent', () => {
    expect(sameFieldValue(null, undefined)).toBe(true);
    expect(overwritesUnseenChange({ revision: 0, value: null }, { revision: 1, value: null })).toBe(false);
    expect(sameFieldValue(6, '6')).toBe(false);
  });
});
