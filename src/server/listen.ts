import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How many ports after the asked-for one are tried when it is taken. */
const TRIES = 20;

/**
 * Listens on `port`, or, when it is taken, on the next free one (calling `onTaken` each time so
 * the terminal can say so). Port 0 asks the system for any free port. Gives the port listened on.
 */
export async function listen(server: Server, host: string, port: number, onTaken: (taken: number, next: number) => void): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = port === 0 ? 0 : port + attempt;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => {
          server.off("listening", onListening);
          reject(error);
        };
        const onListening = (): void => {
          server.off("error", onError);
          resolve();
        };
        server.once("error", onError);
        server.once("listening", onListening);
        server.listen(candidate, host);
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EADDRINUSE" || port === 0 || attempt + 1 >= TRIES || candidate + 1 > 65535) throw error;
      onTaken(candidate, candidate + 1);
    }
  }
}
