/**
A loopback port nothing listens on right now (the kernel's pick for port 0), for a server a
test starts in another process (the binary's `--prometheus`, a real Prometheus).
*/
import {createServer} from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
			.once('error', reject)
			.listen(0, '127.0.0.1', () => {
				const {port} = probe.address() as {port: number};
				probe.close(() => resolve(port));
			});
	});
}
