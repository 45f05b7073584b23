import { Buffer } from 'node:buffer';
import { expectArity, invalidArguments, limitedStringArg } from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';

/** Standard alphabet, padding optional (as Java's basic decoder accepts). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `States.Base64Encode(text)`: the UTF-8 bytes of a text of at most 10,000 characters. */
export const base64Encode: IntrinsicFunction = (args) => {
  expectArity('States.Base64Encode', args, 1);
  return Buffer.from(limitedStringArg('States.Base64Encode', args[0]), 'utf8').toString('base64');
};

/** `States.Base64Decode(base64)`: the text (UTF-8) of at most 10,000 base64 characters. */
export const base64Decode: IntrinsicFunction = (args) => {
  expectArity('States.Base64Decode', args, 1);
  const encoded = limitedStringArg('States.Base64Decode', args[0]);
  // Buffer.from silently skips bad characters; AWS rejects them.
  if (!BASE64.test(encoded) || encoded.replace(/=+$/, '').length % 4 === 1) {
    throw invalidArguments('States.Base64Decode');
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
};
