/** Longest variable name AWS accepts (ASL-FACTS §2). */
const MAX_VARIABLE_NAME = 80;

/**
 * Why `name` cannot be assigned as a variable, or undefined when it can: a Unicode
 * ID_Start character then ID_Continue characters, at most 80, not the reserved `states`,
 * and a whole variable (no `x.y` or `x[2]`).
 */
export function variableNameProblem(name: string): string | undefined {
  if (name === 'states') return "'states' is reserved for $states and cannot be assigned";
  if (/[.[\]]/u.test(name)) {
    return 'only whole variables can be assigned: a name cannot contain a path (. or [ ])';
  }
  if ([...name].length > MAX_VARIABLE_NAME) {
    return `a variable name has at most ${MAX_VARIABLE_NAME} characters`;
  }
  if (!/^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(name)) {
    return 'a variable name starts with a letter or _ and continues with letters, digits or _';
  }
  return undefined;
}
