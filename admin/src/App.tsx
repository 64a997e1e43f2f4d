import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { cases } from './cases';
import { units } from './units';

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
  </Admin>
);
