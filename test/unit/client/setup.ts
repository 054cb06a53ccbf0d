// Client unit tests run as the web build does.
process.env.TARO_ENV = 'h5';
