import { hasValidNameCharacters, MAX_NAME_LENGTH, nameLength } from '../model/resource-name.js';
import { SfnApiError, validationError } from './api-error.js';

export { hasValidNameCharacters, MAX_NAME_LENGTH, nameLength };

/**
 * Checks the `name` member of a request as AWS does: 1 to {@link MAX_NAME_LENGTH} code points
 * (`ValidationException`), then none of the excluded characters (`InvalidName`). A name with
 * a lone surrogate is refused, so no name is stored other than as it was sent.
 */
export function checkResourceName(name: string, member = 'name'): void {
  const length = nameLength(name);
  if (length < 1 || length > MAX_NAME_LENGTH) {
    throw validationError(
      member,
      `Member must have length ${length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_NAME_LENGTH}`}`,
      name,
    );
  }
  if (!hasValidNameCharacters(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${name.toWellFormed()}'`);
  }
}
