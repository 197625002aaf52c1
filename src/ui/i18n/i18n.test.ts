import { beforeAll, describe, expect, it } from 'vitest';
import { catalogues, loadCatalogue, placeholders, translate } from './translate';
import { en } from './en';
import { zh } from './zh';

describe('i18n catalogue', () => {
  beforeAll(() => loadCatalogue('zh'));
  it('falls back to English until a catalogue is loaded, then uses it', async () => {
    delete catalogues.zh;
    expect(translate('zh', 'tl.bound', { name: 'a', node: 'b' })).toBe('scheduler bound a to b');
    await loadCatalogue('zh');
    expect(catalogues.zh).toBe(zh);
  });
  it('has the same keys in every language', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it('uses the same placeholders in every language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it('fills in parameters and leaves unknown ones', () => {
    expect(translate('en', 'tl.bound', { name: 'web-1', node: 'node01' })).toBe('scheduler bound web-1 to node01');
    expect(translate('zh', 'tl.bound', { name: 'web-1', node: 'node01' })).toBe('调度器把 web-1 绑定到 node01');
    expect(translate('en', 'time.play')).toBe('Play at {speed}×');
  });
});
