import { describe, expect, it } from 'vitest';
import { absoluteUrl } from './links';

describe('paperwork links', () => {
  it('makes the server\'s link paths absolute', () => {
    expect(absoluteUrl('/d/abc', 'https://crm.example.ru')).toBe('https://crm.example.ru/d/abc');
    expect(absoluteUrl('b/xyz', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/b/xyz');
    expect(absoluteUrl('https://other/d/1', 'http://x')).toBe('https://other/d/1');
    expect(absoluteUrl(null, 'http://x')).toBe('');
  });
});
