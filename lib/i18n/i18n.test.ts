import { describe, expect, it } from 'vitest';
import { en } from './messages/en';
import { zh } from './messages/zh';
import { localeFromAcceptLanguage, localeFromHeaders, parseLocale, sentenceGap } from './locale';
import { say, t } from './t';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('zh has exactly the keys of en, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(zh[key].trim(), key).not.toBe('');
    }
  });

  it('translates, with variables', () => {
    expect(t('en', 'play.build')).toBe('Build');
    expect(t('zh', 'play.build')).toBe('构建');
    expect(t('en', 'lessons.progress.in-progress', { done: 2, total: 5 })).toBe('2 of 5 done');
    expect(t('zh', 'lessons.progress.in-progress', { done: 2, total: 5 })).toBe('已完成 2/5');
    expect(t('en', 'lessons.lesson', {})).toBe('Lesson {n}');
  });

  it('Chinese strings are Chinese where the English has words', () => {
    const sameAsEnglish = (Object.keys(en) as (keyof typeof en)[]).filter((k) => zh[k] === en[k] && /[a-z]{4,}/.test(en[k]));
    // Product names and paths stay as they are.
    expect(sameAsEnglish.sort()).toEqual(['diagram.install.config', 'diagram.install.hub', 'diagram.vm.engine', 'diagram.vm.hypervisor', 'play.dockerfile']);
  });

  it('reads the locale from a cookie value or Accept-Language', () => {
    expect(parseLocale('zh')).toBe('zh');
    expect(parseLocale('fr')).toBe('en');
    expect(parseLocale(undefined)).toBe('en');
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, de;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=0.9, zh-TW;q=0.8')).toBe('zh');
  });

  it('reads the locale from raw cookie and Accept-Language headers', () => {
    expect(localeFromHeaders('a=1; layerlab-locale=zh; b=2', 'en-US')).toBe('zh');
    expect(localeFromHeaders('layerlab-locale=fr', 'zh-CN,zh;q=0.9')).toBe('zh');
    expect(localeFromHeaders(undefined, undefined)).toBe('en');
    expect(localeFromHeaders('xlayerlab-locale=zh', 'en')).toBe('en');
  });

  it('says a phrase whose variables are phrases', () => {
    const p = { key: 'classroom.error.rateCode', vars: { wait: { key: 'classroom.wait.seconds', vars: { n: 5 } } } } as const;
    expect(say('en', p)).toBe('Too many people tried this code just now. Wait 5 s and try again.');
    expect(say('zh', p)).toBe('刚才尝试这个加入码的人太多了。请等 5 秒后再试。');
    expect(say('zh', { key: 'play.build' })).toBe('构建');
  });

  it('joins sentences with a space in English and without one in Chinese', () => {
    expect(`${t('en', 'share.run.introCompact')}${sentenceGap('en')}${t('en', 'share.run.afterOne')}`).toContain('land. Then');
    expect(`${t('zh', 'share.run.introCompact')}${sentenceGap('zh')}${t('zh', 'share.run.afterOne')}`).toContain('生成。随后');
  });
});
