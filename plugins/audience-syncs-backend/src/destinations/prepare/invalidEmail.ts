/** Why a row whose email key is not a valid email address cannot be prepared. */
export function invalidEmail(): {
  ok: false;
  code: 'invalid_email';
  reason: string;
} {
  return {
    ok: false,
    code: 'invalid_email',
    reason: "The member's email is not a valid email address",
  };
}
