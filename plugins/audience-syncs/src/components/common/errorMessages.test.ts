import { responseError } from '../../__testUtils__/responseError';
import { serverMessage, statusOf } from './errorMessages';

describe('errorMessages', () => {
  it("reads the status and the server's message of a ResponseError", async () => {
    const error = await responseError(
      409,
      'ConflictError',
      "Audience sync 'x' is already paused",
    );
    expect(statusOf(error)).toBe(409);
    expect(serverMessage(error)).toBe("Audience sync 'x' is already paused");
  });

  it('falls back to the message of any other error', () => {
    expect(statusOf(new Error('offline'))).toBeUndefined();
    expect(serverMessage(new Error('offline'))).toBe('offline');
  });
});
