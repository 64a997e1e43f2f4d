import { useTranslate } from 'react-admin';

export const USER_ROLES = ['ADMIN', 'CLERK', 'UNIT_STAFF', 'MANAGER'] as const;

export const useRoleChoices = () => {
  const translate = useTranslate();
  return USER_ROLES.map((id) => ({ id, name: translate(`civicflow.users.role.${id}`) }));
};
