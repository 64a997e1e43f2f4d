import { redactLogLine } from '../../../domain/text/redact-log-line';

describe('log lines', () => {
  it('drop the value of every credential in a query string', () => {
    const line = JSON.stringify({
      req: { url: '/api/v1/cases/000001-26?token=Ab_cD-12345&lang=en' },
      msg: 'GET /api/v1/bookings/7?lang=pl&token=zzz#top /open311/v2/requests.json?api_key=k3y',
    });
    const redacted = redactLogLine(line);
    for (const secret of ['Ab_cD-12345', 'zzz', 'k3y']) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('?token=[redacted]&lang=en');
    expect(redacted).toContain('&token=[redacted]#top');
    expect(redacted).toContain('?api_key=[redacted]');
  });

  it('mask e-mail addresses, also percent-encoded, keeping the domain', () => {
    const redacted = redactLogLine(
      'mail 1 from jan.kowalski@example.org; GET /api/chats?residentEmail=anna%40poczta.pl&status=OPEN',
    );
    expect(redacted).toBe(
      'mail 1 from j***@example.org; GET /api/chats?residentEmail=a***%40poczta.pl&status=OPEN',
    );
  });

  it('drop passwords from connection URLs', () => {
    expect(redactLogLine('connect postgresql://civicflow:s3cr3t@postgres:5432/civicflow failed')).toBe(
      'connect postgresql://civicflow:[redacted]@postgres:5432/civicflow failed',
    );
  });

  it('leave ordinary lines alone', () => {
    const line =
      '{"level":30,"msg":"request completed","url":"/api/v1/places/streets?q=Marsza","at":"node_modules/@mikro-orm/core"}';
    expect(redactLogLine(line)).toBe(line);
  });
});
