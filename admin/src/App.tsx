import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { cases } from './cases';

export const App = () => (
  <Admin
    title="civicflow"
    basename="/admin"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    disableTelemetry
    requireAuth
  >
    <Resource name="cases" {...cases} />
  </Admin>
);
