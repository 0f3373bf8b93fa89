import '@pm/web/styles.css';
// Styles for the Vant components used through function calls (showToast, showConfirmDialog); the
// template components get theirs from the resolver in @pm/web/vite.
import 'vant/es/toast/style';
import 'vant/es/dialog/style';
import './styles/app.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';

const pinia = createPinia();
const router = createAppRouter(pinia, import.meta.env.BASE_URL);

createApp(App).use(pinia).use(router).use(i18n).mount('#app');
