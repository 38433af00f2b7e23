export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 12, minClasses: 3 };

/**
 * Checks a password against the policy: length, character classes (lower, upper, digit, other),
 * and no context words (username, display name, product names). Returns problems in Chinese and English.
 */
export function checkPassword(
  password: string,
  context: string[],
  policy: PasswordPolicy = defaultPasswordPolicy,
): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  if ([...password].length < policy.minLength)
    problems.push({
      zh: `密码长度至少 ${policy.minLength} 位`,
      en: `At least ${policy.minLength} characters`,
    });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses)
    problems.push({
      zh: `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`,
      en: `Use at least ${policy.minClasses} of: lower case, upper case, digits, symbols`,
    });
  const lower = password.toLowerCase();
  const words = ["safegrid", "password", "admin", "gansu", ...context]
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length >= 3);
  const hit = words.find((w) => lower.includes(w));
  if (hit)
    problems.push({
      zh: "密码不能包含用户名、姓名或系统名称等易猜词",
      en: "Password must not contain the username, name or product words",
    });
  return problems;
}
