/**
 * Named ASCII byte values for the byte-level parsers (VCF, array text, line splitting, chromosome
 * names), so a hot loop reads `buf[i] === TAB` instead of `buf[i] === 9`.
 */

/** Horizontal tab, the VCF and array column separator. */
export const TAB = 9;
/** Line feed, the line terminator. */
export const LF = 10;
/** Carriage return (stripped before a line feed). */
export const CR = 13;
/** Space. */
export const SPACE = 32;
/** Double quote (quoted CSV fields). */
export const QUOTE = 34;
/** `#`: header and comment lines. */
export const HASH = 35;
/** `,`: CSV separator, VCF multi-allelic ALT separator. */
export const COMMA = 44;
/** `.`: a missing value in VCF. */
export const DOT = 46;
/** `/`: an unphased VCF genotype separator. */
export const SLASH = 47;
/** `0`. */
export const DIGIT_0 = 48;
/** `9`. */
export const DIGIT_9 = 57;
/** `:`: VCF FORMAT/sample field separator. */
export const COLON = 58;
/** `;`: VCF INFO field separator. */
export const SEMICOLON = 59;
/** `|`: a phased VCF genotype separator. */
export const PIPE = 124;
/** Upper-case letters used in base and chromosome checks. */
export const UPPER_A = 65;
/** `C`. */
export const UPPER_C = 67;
/** `G`. */
export const UPPER_G = 71;
/** `M` (MT). */
export const UPPER_M = 77;
/** `P` (PASS). */
export const UPPER_P = 80;
/** `S` (PASS). */
export const UPPER_S = 83;
/** `T`. */
export const UPPER_T = 84;
/** `X`. */
export const UPPER_X = 88;
/** `Y`. */
export const UPPER_Y = 89;
/** `c` ("chr"). */
export const LOWER_C = 99;
/** `d` ("rsid"). */
export const LOWER_D = 100;
/** `h` ("chr"). */
export const LOWER_H = 104;
/** `i` ("rsid"). */
export const LOWER_I = 105;
/** `r` ("rs", "chr"). */
export const LOWER_R = 114;
/** `s` ("rs"). */
export const LOWER_S = 115;
/** The ASCII case bit: `b | CASE_BIT` lower-cases a letter, `b & ~CASE_BIT` upper-cases it. */
export const CASE_BIT = 32;
