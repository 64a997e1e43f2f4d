/**
 * A plugin with a name fastify can read. Without one, fastify names a plugin by searching
 * `require.cache` for the function, once per registration: about 8 ms each under jest's module
 * registry, 0.4 s for the app's fifty route plugins in every test file that builds the app. The
 * name also makes fastify's plugin errors (timeouts, duplicate decorators) say which routes failed.
 */
export function namedPlugin<P extends object>(name: string, plugin: P): P {
  return Object.assign(plugin, { [Symbol.for('fastify.display-name')]: name });
}
