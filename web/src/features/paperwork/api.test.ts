import { describe, expect, it } from 'vitest';
import { absoluteUrl } from './api';
import { docTitle } from './DocumentsSection';

describe('paperwork links and titles', () => {
  it('makes the server\'s link paths absolute', () => {
    expect(absoluteUrl('/d/abc', 'https://crm.example.ru')).toBe('https://crm.example.ru/d/abc');
    expect(absoluteUrl('b/xyz', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/b/xyz');
    expect(absoluteUrl('https://other/d/1', 'http://x')).toBe('https://other/d/1');
    expect(absoluteUrl(null, 'http://x')).toBe('');
  });
  it('titles documents like the server titles a proposal', () => {
    expect(docTitle('contract', 'SEO — Альфа')).toBe('Договор: SEO — Альфа');
    expect(docTitle('invoice', 'x'.repeat(400)).length).toBe(300);
  });
});
