import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, RecordBytesError } from '../../../src/lib/store/record-bytes';

describe('record-bytes', () => {
	it('round-trips every supported value exactly', () => {
		const value = {
			s: 'héllo <script>', n: 1.5, neg0: -0, nan: NaN, inf: -Infinity, t: true, f: false, nil: null, u: undefined,
			arr: [1, 'x', [null]], date: new Date(1_700_000_000_000),
			u32: new Uint32Array([0, 1, 4_294_967_295]), i8: new Int8Array([-128, 127]), f64: new Float64Array([Math.PI]),
			big: new BigUint64Array([2n ** 64n - 1n]), buf: new Uint8Array([9, 8, 7]).buffer,
			view: new Uint16Array(new Uint16Array([1, 2, 3, 4]).buffer, 2, 2), __proto__x: 1
		};
		const back = decodeRecord(encodeRecord(value)) as typeof value;
		expect(back).toEqual(value);
		expect(Object.is(back.neg0, -0)).toBe(true);
		expect(back.view).toBeInstanceOf(Uint16Array);
		expect(Array.from(back.view)).toEqual([2, 3]);
		expect(back.u32).toBeInstanceOf(Uint32Array);
	});

	it('keeps a "__proto__" key as data', () => {
		const value = JSON.parse('{"__proto__": {"polluted": true}}');
		const back = decodeRecord(encodeRecord(value)) as Record<string, unknown>;
		expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(back)).toEqual(['__proto__']);
	});

	it('refuses unsupported values and damaged bytes', () => {
		expect(() => encodeRecord({ m: new Map() })).toThrow(RecordBytesError);
		expect(() => encodeRecord({ f: () => 1 })).toThrow(/function/);
		const bytes = encodeRecord({ a: 'text', b: new Uint32Array(8) });
		for (let cut = 0; cut < bytes.length; cut++) expect(() => decodeRecord(bytes.subarray(0, cut))).toThrow(RecordBytesError);
		expect(() => decodeRecord(new Uint8Array([...bytes, 0]))).toThrow(/damaged/);
		expect(() => decodeRecord(new Uint8Array([42]))).toThrow(/damaged/);
	});
});
