import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../../config/config';

const ROOT = path.join(__dirname, '..', '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const configKeys = new Set(Object.keys(configSchema.shape));

function semver(image: string): [number, number, number] {
  const match = /:(\d+)\.(\d+)\.(\d+)$/.exec(image);
  if (!match) throw new Error(`${image} has no fixed x.y.z tag`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

describe('docker-compose.yml', () => {
  it('runs the production-like set of services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'temporal', 'temporal-schema', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('pins every third-party image to a fixed tag', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect(service.image).toMatch(/^[a-z0-9/._-]+:[0-9][\w.-]*$/);
      expect(`${name}:${service.image}`).not.toMatch(/:latest$/);
    }
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    expect(services['temporal-schema'].image).toMatch(/^temporalio\/admin-tools:/);
  });

  it('uses a Temporal server with the CVE-2025-14986 fix (1.29.2 or later), not auto-setup', () => {
    const image = services.temporal.image!;
    expect(image).toMatch(/^temporalio\/server:/);
    const [major, minor, patch] = semver(image);
    expect(major * 1_000_000 + minor * 1000 + patch).toBeGreaterThanOrEqual(1_029_002);
    expect(Object.values(services).some((s) => s.image?.includes('auto-setup'))).toBe(false);
  });

  it('sets up the Temporal schema before the server starts, and civicflow after both', () => {
    expect(services.temporal.depends_on?.['temporal-schema'].condition).toBe(
      'service_completed_successfully',
    );
    expect(services['temporal-schema'].volumes?.some((v) => v.startsWith('./deploy/temporal:'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'deploy', 'temporal', 'setup-postgres.sh'))).toBe(true);
    expect(services.migrate.depends_on?.temporal.condition).toBe('service_healthy');
    expect(services.api.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(services.worker.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });

  it('builds api, worker and migrate from the Dockerfile and runs their entry points', () => {
    expect(fs.existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
    expect(services.api.command).toEqual(['node', '--import', 'tsx', 'api/server.ts']);
    expect(services.worker.command).toEqual(['node', '--import', 'tsx', 'worker/main.ts']);
    expect(services.migrate.command).toEqual(['node', '--import', 'tsx', 'scripts/migrate.ts']);
    for (const name of ['api', 'worker', 'migrate']) {
      expect(services[name].build).toBe('.');
      for (const file of services[name].command!.slice(3))
        expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    }
  });

  it('publishes the API, and Temporal only inside: no frontend port, the UI on loopback alone', () => {
    expect(services.api.ports).toContain('3000:3000');
    // Whoever reaches Temporal's frontend can act on every case: it stays on the compose network.
    expect(services.temporal.ports ?? []).toEqual([]);
    expect(services['temporal-ui'].ports).toEqual(['127.0.0.1:8233:8080']);
    for (const [name, service] of Object.entries(services)) {
      if (name === 'api' || name === 'worker') continue;
      for (const port of service.ports ?? []) expect(`${name} ${port}`).toMatch(/ 127\.0\.0\.1:/);
    }
  });

  it('publishes the mail intake only on the address facing the relay, loopback unless told', () => {
    expect(services.worker.ports).toEqual(['${MAIL_RELAY_BIND_ADDRESS:-127.0.0.1}:2525:2525']);
  });

  it('has no demo data and no default secrets', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const environment = services[name].environment ?? {};
      expect(environment.NODE_ENV).toBe('production');
      expect(Object.keys(environment).filter((key) => key.startsWith('DEMO_'))).toEqual([]);
      for (const secret of ['APP_SECRET', 'TEMPORAL_PAYLOAD_KEYS', 'WORKFLOW_ACTION_KEY'])
        expect(environment[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`));
    }
    const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/civicflow-demo|DEMO_DATA/);
    // Every use of the database password is required, none falls back to a published value.
    const passwordUses = text.match(/\$\{POSTGRES_PASSWORD[^}]*\}/g) ?? [];
    expect(passwordUses.length).toBeGreaterThan(0);
    for (const use of passwordUses) expect(use).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(services.api.environment).toMatchObject({
      METRICS_TOKEN: '${METRICS_TOKEN:-}',
      TRUSTED_PROXIES: '${TRUSTED_PROXIES:-}',
    });
  });

  it("is run as README's production instructions say: no demo defaults, the secrets to set named", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const docker = /\n## Docker\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    expect(docker).not.toContain('civicflow-demo');
    const commands = docker.match(/```sh\n[\s\S]*?```/g) ?? [];
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).not.toMatch(/DEMO_/);
    for (const secret of [
      'APP_SECRET',
      'POSTGRES_PASSWORD',
      'TEMPORAL_PAYLOAD_KEYS',
      'WORKFLOW_ACTION_KEY',
      'METRICS_TOKEN',
      'TRUSTED_PROXIES',
      'SMTP_URL',
    ])
      expect(docker).toContain(secret);
    expect(docker).toMatch(/SSO/);
    expect(docker).toContain('MAIL_RELAY_BIND_ADDRESS');
    // The threat model and the checklist are one link away from the production instructions.
    expect(docker).toContain('(docs/SECURITY.md)');
    const security = fs.readFileSync(path.join(ROOT, 'docs', 'SECURITY.md'), 'utf8');
    for (const section of [
      'Who can reach what',
      'Production checklist',
      'What each public surface publishes',
      'Retention',
      'Reporting a vulnerability',
    ])
      expect(security).toContain(`\n## ${section}\n`);
  });

  it('configures civicflow only through keys of the configuration schema', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const keys = Object.keys(services[name].environment ?? {});
      expect(keys.filter((key) => !configKeys.has(key))).toEqual([]);
      for (const required of [
        'NODE_ENV',
        'DATABASE_URL',
        'TEMPORAL_ADDRESS',
        'TEMPORAL_NAMESPACE',
        'APP_SECRET',
      ]) {
        expect(keys).toContain(required);
      }
    }
    expect(services.api.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '3000' });
    expect(services.api.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(services.worker.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    // The relay must reach the e-mail channel from outside the worker's container.
    expect(services.worker.environment).toMatchObject({
      MAIL_INTAKE_HOST: '0.0.0.0',
      MAIL_INTAKE_PORT: '2525',
    });
  });
});
