import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { cases } from './cases';
import { units } from './units';
import { open311Clients } from './open311-clients';

export const App = () => (
  <Admin
    title="civicflow"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    disableTelemetry
    requireAuth
  >
    <Resource name="cases" recordRepresentation="number" {...cases} />
    <Resource name="units" recordRepresentation="name" {...units} />
    <Resource name="case-events" />
    {(permissions: string | null) =>
      permissions === 'ADMIN' ? (
        <Resource name="open311-clients" recordRepresentation="name" {...open311Clients} />
      ) : null
    }
  </Admin>
);
