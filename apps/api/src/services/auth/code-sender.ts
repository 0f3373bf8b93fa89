/**
 * Sends one-time login codes. The default writes the code to the server console (development, demo);
 * a real SMS provider implements the same interface and is chosen in server.ts from the configuration.
 */
export interface CodeSender {
  send(phone: string, code: string): Promise<void>;
}

export class ConsoleCodeSender implements CodeSender {
  async send(phone: string, code: string) {
    process.stdout.write(`[otp] phone=${phone} code=${code}\n`);
  }
}

/** Keeps the codes it was asked to send (tests read them from here). */
export class MemoryCodeSender implements CodeSender {
  readonly sent: { phone: string; code: string }[] = [];
  async send(phone: string, code: string) {
    this.sent.push({ phone, code });
  }
  last(phone: string) {
    return [...this.sent].reverse().find((s) => s.phone === phone)?.code;
  }
}
