// Baseline 1: the smallest Worker there is. Measures the runtime and HTTP path alone.
export default {
  fetch() {
    return new Response("Hello World!");
  },
};
