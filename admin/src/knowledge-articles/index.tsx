import MenuBookIcon from '@mui/icons-material/MenuBook';
import TopicIcon from '@mui/icons-material/Topic';
import { Resource } from 'react-admin';
import { KnowledgeArticleCreate, KnowledgeArticleEdit, KnowledgeArticleShow } from './KnowledgeArticleForms';
import { KnowledgeArticleList } from './KnowledgeArticleList';
import {
  KnowledgeCategoryCreate,
  KnowledgeCategoryEdit,
  KnowledgeCategoryList,
} from './KnowledgeCategoryViews';
import { canWriteKnowledge } from './shared';

export const knowledgeArticles = {
  list: KnowledgeArticleList,
  show: KnowledgeArticleShow,
  create: KnowledgeArticleCreate,
  edit: KnowledgeArticleEdit,
  icon: MenuBookIcon,
};

export const knowledgeCategories = {
  list: KnowledgeCategoryList,
  create: KnowledgeCategoryCreate,
  edit: KnowledgeCategoryEdit,
  icon: TopicIcon,
};

/**
 * Administrators and managers write the knowledge base; clerks read it (they answer callers from
 * it). Unit staff do not get it: the API refuses them too.
 */
export function knowledgeResources(permissions: string | null) {
  if (!permissions || !['ADMIN', 'MANAGER', 'CLERK'].includes(permissions)) return null;
  const articles = knowledgeArticles;
  const categories = knowledgeCategories;
  return canWriteKnowledge(permissions) ? (
    <>
      <Resource name="knowledge-articles" recordRepresentation="titlePl" {...articles} />
      <Resource name="knowledge-categories" recordRepresentation="namePl" {...categories} />
    </>
  ) : (
    <>
      <Resource
        name="knowledge-articles"
        recordRepresentation="titlePl"
        list={articles.list}
        show={articles.show}
        icon={articles.icon}
      />
      <Resource
        name="knowledge-categories"
        recordRepresentation="namePl"
        list={categories.list}
        icon={categories.icon}
      />
    </>
  );
}
